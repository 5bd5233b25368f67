// Runs the CLI from source (through tsx) so tests exercise exactly what they read.
import { main } from '../../src/main/cli.js';

await main();
