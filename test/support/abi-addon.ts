import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Compiles (with the system's gcc, in `dir`) a real native addon that declares itself built
 * for NODE_MODULE_VERSION `abi`, the way an addon built against other headers does: it
 * registers with node_module_register from a constructor and exports
 * node_register_module_v<abi>. Loading it in a runtime with another ABI makes Node itself
 * throw its real "compiled against a different Node.js version" error. It does nothing else:
 * a stand-in for better-sqlite3 built for Electron, whose headers cannot be downloaded here.
 */
export function buildAddonForAbi(dir: string, abi: number): string {
  const source = join(dir, `abi-${abi}.c`);
  const addon = join(dir, `abi-${abi}.node`);
  writeFileSync(
    source,
    `struct node_module { int nm_version; unsigned int nm_flags; void *nm_dso_handle;
  const char *nm_filename; void *nm_register_func; void *nm_context_register_func;
  const char *nm_modname; void *nm_priv; struct node_module *nm_link; };
extern void node_module_register(void *);
static struct node_module mod = { ${abi}, 0, 0, "abi-${abi}.c", 0, 0, "abi_fixture", 0, 0 };
__attribute__((visibility("default"))) void node_register_module_v${abi}(void) {}
__attribute__((constructor)) static void reg(void) { node_module_register(&mod); }
`,
  );
  execFileSync('gcc', ['-shared', '-fPIC', '-o', addon, source]);
  return addon;
}
