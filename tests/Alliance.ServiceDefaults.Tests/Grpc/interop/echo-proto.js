'use strict';
// Loads test.interop.v1.Echo from the same .proto file the C# tests compile.
const path = require('path');
const grpc = require('@grpc/grpc-js');
const protoLoader = require('@grpc/proto-loader');

const protoPath = path.join(__dirname, '..', 'Protos', 'test', 'interop', 'v1', 'echo.proto');
const definition = protoLoader.loadSync(protoPath, { longs: String, defaults: true });

module.exports = { grpc, Echo: grpc.loadPackageDefinition(definition).test.interop.v1.Echo };
