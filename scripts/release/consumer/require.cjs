// Each package as a CommonJS user loads it: require() of every entry, ./mock included.
const entries = [
  "@specyard/core",
  "@specyard/endre",
  "@specyard/endre/mock",
  "@specyard/12build",
  "@specyard/12build/mock",
  "@specyard/blikk",
  "@specyard/blikk/mock",
  "@specyard/simplo",
  "@specyard/simplo/mock",
  "@specyard/mock",
  "@specyard/redis",
  // A command only (a bin, no importable entry): its manifest is what there is to require.
  "@specyard/verify/package.json",
];
const loaded = {};
const failed = [];
for (const entry of entries) {
  try {
    loaded[entry] = Object.keys(require(entry)).length;
  } catch (error) {
    failed.push(`${entry}: ${error.code ?? ""} ${String(error.message).split("\n")[0]}`);
  }
}
console.log(JSON.stringify({ loaded, failed }));
if (failed.length) process.exitCode = 1;
