import { render } from 'preact';
import { createApi } from './api.js';
import { Root } from './app.js';
import { pickTransport } from './transport/pick-transport.js';

// Entry point: pick the transport for where we run (Electron or headless) and show the window.
const mount = document.getElementById('app');
if (mount) render(<Root api={createApi(pickTransport())} />, mount);
