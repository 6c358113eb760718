/**
 * `import()` as Node runs it. TypeScript's CommonJS output turns a written `import()` into `require()`, which cannot
 * load an ES module on Node 20; a function built at run time keeps the real one. Used for the puppet package only:
 * Wechaty itself ships a CommonJS build and is loaded with a plain (rewritten) `import()`.
 */
const nativeImport = new Function('specifier', 'return import(specifier)') as (specifier: string) => Promise<Record<string, unknown>>;

type PuppetClass = new (options: Record<string, unknown>) => unknown;

/** The puppet class of a package: its default export (an ES module's, or a CommonJS module's `exports.default`). */
export function puppetClassOf(module: Record<string, unknown>): PuppetClass | undefined {
  const candidates = [module.default, (module.default as Record<string, unknown> | undefined)?.default];
  return candidates.find((c): c is PuppetClass => typeof c === 'function');
}

/** Imports the puppet package named by BOT_PUPPET (ES module or CommonJS) and builds it with its options. */
export async function loadPuppet(name: string, options: Record<string, unknown>): Promise<unknown> {
  let module: Record<string, unknown>;
  try {
    module = await nativeImport(name);
  } catch (error) {
    throw new Error(`BOT_PUPPET ${name} cannot be imported (npm install ${name}?): ${(error as Error).message}`);
  }
  const Puppet = puppetClassOf(module);
  if (!Puppet) throw new Error(`BOT_PUPPET ${name} has no default export that is a puppet class`);
  return new Puppet(options);
}
