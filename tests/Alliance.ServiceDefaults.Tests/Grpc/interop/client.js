'use strict';
// Calls a test.interop.v1.Echo server (argv[2] = host:port) with grpc-js and prints one JSON object of outcomes.
const { grpc, Echo } = require('./echo-proto');

const address = process.argv[2];
const client = new Echo(address, grpc.credentials.createInsecure());

function call(method, request, metadata = new grpc.Metadata(), options = {}) {
  return new Promise((resolve) => {
    let outcome = {};
    const pending = client[method](request, metadata, options, (error, response) => {
      outcome = error ? { code: error.code, details: error.details } : { code: 0, response };
    });
    pending.on('status', (status) => resolve({ ...outcome, trailers: plain(status.metadata) }));
  });
}

function plain(metadata) {
  const result = {};
  for (const [key, value] of Object.entries(metadata.getMap())) {
    result[key] = Buffer.isBuffer(value) ? value.toString('base64') : String(value);
  }
  return result;
}

async function main() {
  const results = {};
  results.roundTrip = await call('Echo', { message: 'hello from grpc-js', payload: Buffer.from([0, 1, 2]) });
  results.failure = await call('Fail', { code: 5, detail: '找不到联盟 100% (alliance not found)' });
  results.deadline = await call('Slow', { delayMs: 30000 }, new grpc.Metadata(), { deadline: new Date(Date.now() + 200) });

  const metadata = new grpc.Metadata();
  metadata.set('x-tenant-id', 'tenant-7');
  metadata.set('x-token-bin', Buffer.from([0, 1, 2, 250]));
  results.metadata = await call('EchoMetadata', { message: 'metadata' }, metadata);

  results.unimplemented = await new Promise((resolve) => {
    client.makeUnaryRequest('/test.interop.v1.Echo/Missing', (x) => x, (x) => x, Buffer.alloc(0),
      (error) => resolve({ code: error ? error.code : 0 }));
  });

  console.log(JSON.stringify(results));
  client.close();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
