// @ts-check
// How the release commands end: bad input is one line naming the file, package or ref, exit 2.
// Anything else is a bug in the command and keeps its stack trace.

/** Input the command cannot work with (a spec that does not bundle, an unknown vendor…). */
export class InputError extends Error {}

/**
 * Runs a command's `main`; an `InputError` prints `<command>: <message>` and exits 2.
 * @param {string} command
 * @param {() => Promise<number | void>} main resolves with the exit code (default 0)
 */
export async function runCommand(command, main) {
  try {
    process.exitCode = (await main()) ?? 0;
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    console.error(`${command}: ${error.message.split("\n")[0]}`);
    process.exitCode = 2;
  }
}

/**
 * `--name value` and `--flag` arguments; the rest are positional. Unknown options are an InputError.
 * @param {string[]} argv
 * @param {{ values: string[], flags: string[] }} known
 */
export function parseArgs(argv, known) {
  /** @type {Record<string, string | boolean>} */
  const options = {};
  /** @type {string[]} */
  const positional = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = /** @type {string} */ (argv[i]);
    if (!arg.startsWith("--")) {
      positional.push(arg);
      continue;
    }
    const [name, inline] = arg.slice(2).split("=", 2);
    if (known.flags.includes(String(name))) options[String(name)] = true;
    else if (known.values.includes(String(name))) {
      const value = inline ?? argv[++i];
      if (value === undefined) throw new InputError(`--${name} needs a value`);
      options[String(name)] = value;
    } else throw new InputError(`unknown option ${arg}`);
  }
  return { options, positional };
}
