// The @grpc/grpc-js side of tools/bench/grpc: the same Echo, printed as "PORT n" once listening.
'use strict';

const path = require('path');
const grpc = require('@grpc/grpc-js');
const protoLoader = require('@grpc/proto-loader');

const definition = protoLoader.loadSync(path.join(__dirname, 'echo.proto'), { keepCase: true, defaults: true });
const pkg = grpc.loadPackageDefinition(definition).bench.v1;

const server = new grpc.Server();
server.addService(pkg.Echo.service, {
  Say: (call, callback) => callback(null, { text: call.request.text }),
  Expand: (call) => {
    const reply = { text: call.request.text };
    for (let i = 0; i < call.request.count; i++) call.write(reply);
    call.end();
  },
});
server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (err, port) => {
  if (err) { console.error(err); process.exit(1); }
  process.stdout.write(`PORT ${port}\n`);
});
