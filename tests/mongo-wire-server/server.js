// Starts the patched CongoDB server (from @push.rocks/smartmongo 2.2.0) in memory for the store contract tests.
// Usage: node server.js --port N [--host 127.0.0.1]. Prints one line once it listens; stops on SIGTERM/SIGINT.
import { CongoServer } from '@push.rocks/smartmongo/dist_ts/congodb/index.js';

function option(name, fallback) {
  const index = process.argv.indexOf(`--${name}`);
  return index > 0 && index + 1 < process.argv.length ? process.argv[index + 1] : fallback;
}

const port = Number.parseInt(option('port', '27017'), 10);
const host = option('host', '127.0.0.1');
if (!Number.isInteger(port) || port <= 0 || port > 65535) {
  console.error(`mongo-wire-server: --port must be a TCP port, not '${option('port', '')}'`);
  process.exit(2);
}

const server = new CongoServer({ port, host });
try {
  await server.start();
} catch (error) {
  console.error(`mongo-wire-server: cannot listen on ${host}:${port}: ${error.message}`);
  process.exit(1);
}
console.log(`mongo-wire-server listening on ${host}:${port}`);

const stop = async () => {
  await server.stop();
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
