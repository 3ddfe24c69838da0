'use strict';
// A grpc-js implementation of test.interop.v1.Echo on 127.0.0.1, any free port; prints "PORT <n>" when listening.
const { grpc, Echo } = require('./echo-proto');

const server = new grpc.Server();
server.addService(Echo.service, {
  Echo: (call, callback) => callback(null, { message: call.request.message, payload: call.request.payload, server: 'grpc-js' }),
  Fail: (call, callback) => {
    const trailers = new grpc.Metadata();
    trailers.set('x-failure-trailer', 'grpc-js');
    callback({ code: call.request.code, details: call.request.detail, metadata: trailers });
  },
  Slow: (call, callback) => {
    const timer = setTimeout(() => callback(null, { message: 'slow' }), call.request.delayMs);
    call.on('cancelled', () => clearTimeout(timer));
  },
  Big: (call, callback) => callback(null, { payload: Buffer.alloc(call.request.size) }),
  EchoMetadata: (call, callback) => {
    const headers = {};
    for (const [key, value] of Object.entries(call.metadata.getMap())) {
      headers[key] = Buffer.isBuffer(value) ? value.toString('base64') : String(value);
    }
    const trailers = new grpc.Metadata();
    trailers.set('x-trailer', 'trailer-value');
    trailers.set('x-trailer-bin', Buffer.from([1, 2, 3, 255]));
    callback(null, { headers }, trailers);
  },
});

server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (error, port) => {
  if (error) {
    console.error(error);
    process.exit(1);
  }
  console.log(`PORT ${port}`);
});

// The test owns this process: when it closes our stdin, stop.
process.stdin.resume();
process.stdin.on('end', () => server.tryShutdown(() => process.exit(0)));
