// npm's @grpc/grpc-js (pure JavaScript) as a peer of the hub's transport.
//
//   node node_peer.js client ADDRESS PROTO_DIR      run every client scenario against ADDRESS, print one JSON object
//   node node_peer.js server PROTO_DIR              serve Echo on a free port, print "PORT n", stop when stdin closes
//   node node_peer.js reflect ADDRESS PROTOS_ROOT   list services over grpc.reflection.v1 and v1alpha
'use strict';

const path = require('path');
const grpc = require('@grpc/grpc-js');
const protoLoader = require('@grpc/proto-loader');

const FAIL_MESSAGE = 'Hồ sơ bị từ chối: 100% invalid';
const MIB = 1024 * 1024;
const GZIP = 2;

function load(file, includeDirs) {
  const definition = protoLoader.loadSync(file, { keepCase: true, longs: String, enums: String, defaults: true, includeDirs });
  return grpc.loadPackageDefinition(definition);
}

function echoPackage(protoDir) {
  return load(path.join(protoDir, 'echo.proto'), [protoDir]).hub.grpc.test.v1;
}

function deadline(ms) {
  return { deadline: new Date(Date.now() + ms) };
}

function unary(client, method, request, metadata, options) {
  return new Promise((resolve, reject) => {
    client[method](request, metadata || new grpc.Metadata(), options || deadline(10000), (err, reply) => (err ? reject(err) : resolve(reply)));
  });
}

function readAll(call) {
  return new Promise((resolve, reject) => {
    const replies = [];
    call.on('data', (reply) => replies.push(reply));
    call.on('error', reject);
    call.on('end', () => resolve(replies));
  });
}

// google.rpc.Status and google.rpc.BadRequest as a standard client knows them, from their published field lists.
function richStatusTypes() {
  const protobuf = require('protobufjs');
  const root = protobuf.Root.fromJSON({
    nested: {
      google: {
        nested: {
          protobuf: { nested: { Any: { fields: { type_url: { type: 'string', id: 1 }, value: { type: 'bytes', id: 2 } } } } },
          rpc: {
            nested: {
              Status: {
                fields: {
                  code: { type: 'int32', id: 1 },
                  message: { type: 'string', id: 2 },
                  details: { rule: 'repeated', type: 'google.protobuf.Any', id: 3 },
                },
              },
              BadRequest: {
                fields: { field_violations: { rule: 'repeated', type: 'FieldViolation', id: 1 } },
                nested: { FieldViolation: { fields: { field: { type: 'string', id: 1 }, description: { type: 'string', id: 2 } } } },
              },
            },
          },
        },
      },
    },
  });
  return { Status: root.lookupType('google.rpc.Status'), BadRequest: root.lookupType('google.rpc.BadRequest') };
}

function asHex(value) {
  return Buffer.isBuffer(value) ? value.toString('hex') : value;
}

async function runClient(address, protoDir) {
  const pkg = echoPackage(protoDir);
  const client = new pkg.Echo(address, grpc.credentials.createInsecure());
  const results = {};
  const attempt = async (name, action) => {
    try {
      results[name] = await action();
    } catch (err) {
      results[name] = err.code !== undefined ? { code: grpc.status[err.code], message: err.details } : { exception: String(err) };
    }
  };

  await attempt('unary', async () => (await unary(client, 'Say', { text: 'xin chào' })).text);
  await attempt('client_streaming', () => new Promise((resolve, reject) => {
    const call = client.Collect(deadline(10000), (err, reply) => (err ? reject(err) : resolve(reply.text)));
    for (const text of ['a', 'b', 'c']) call.write({ text });
    call.end();
  }));
  await attempt('server_streaming', async () => (await readAll(client.Expand({ text: 'x', count: 5 }, deadline(10000)))).map((r) => r.index));
  await attempt('duplex', async () => {
    const call = client.Chat(deadline(10000));
    const all = readAll(call);
    for (const text of ['one', 'two', 'three']) call.write({ text });
    call.end();
    return (await all).map((r) => r.text);
  });

  await attempt('deadline', async () => (await unary(client, 'Say', { text: 'deadline-js', mode: 'wait' }, null, deadline(200))).text);
  await attempt('deadline_observed', async () => (await unary(client, 'Say', { text: 'deadline-js', mode: 'was_cancelled' }, null, deadline(15000))).text);

  await attempt('metadata', () => new Promise((resolve, reject) => {
    const md = new grpc.Metadata();
    md.add('x-dossier-id', 'H01-240101-0001');
    md.add('x-signature-bin', Buffer.from([0x00, 0xff, 0x10, 0x80]));
    let initial;
    const call = client.Say({ mode: 'metadata' }, md, deadline(10000), (err) => { if (err) reject(err); });
    call.on('metadata', (m) => { initial = m; });
    call.on('status', (status) => resolve({
      header: initial && initial.get('x-dossier-id')[0],
      header_bin: initial && asHex(initial.get('x-signature-bin')[0]),
      trailer: status.metadata.get('x-dossier-id')[0],
      trailer_bin: asHex(status.metadata.get('x-signature-bin')[0]),
    }));
  }));

  await attempt('error', async () => {
    try {
      await unary(client, 'Say', { mode: 'fail' });
      return 'OK';
    } catch (err) {
      const { Status, BadRequest } = richStatusTypes();
      const raw = err.metadata.get('grpc-status-details-bin')[0] || Buffer.alloc(0);
      const status = Status.decode(raw);
      const violations = [];
      for (const detail of status.details) {
        if (detail.type_url === 'type.googleapis.com/google.rpc.BadRequest') {
          for (const v of BadRequest.decode(detail.value).field_violations) violations.push({ field: v.field, description: v.description });
        }
      }
      return { code: grpc.status[err.code], message: err.details, details_code: status.code, violations };
    }
  });
  await attempt('crash', async () => (await unary(client, 'Say', { mode: 'crash' })).text);

  await attempt('gzip', async () => {
    const gz = new pkg.Echo(address, grpc.credentials.createInsecure(), { 'grpc.default_compression_algorithm': GZIP });
    try {
      const seen = (await unary(gz, 'Say', { mode: 'encoding' })).text;
      const echoed = await unary(gz, 'Say', { text: 'z', payload: Buffer.alloc(65536) });
      return { seen_encoding: seen, echoed_bytes: echoed.payload.length };
    } finally {
      gz.close();
    }
  });

  const big = new pkg.Echo(address, grpc.credentials.createInsecure(), {
    'grpc.max_send_message_length': 16 * MIB, 'grpc.max_receive_message_length': 16 * MIB,
  });
  await attempt('large_near_limit', async () => (await unary(big, 'Say', { payload: Buffer.alloc(4 * MIB - 64, 1) }, null, deadline(30000))).payload.length);
  await attempt('large_reply_near_limit', async () => (await unary(big, 'Say', { reply_size: 4 * MIB - 64 }, null, deadline(30000))).payload.length);
  await attempt('large_over_limit', async () => (await unary(big, 'Say', { payload: Buffer.alloc(4 * MIB + 1, 1) }, null, deadline(30000))).payload.length);
  big.close();

  await attempt('cancel_observed', async () => {
    await new Promise((resolve) => {
      const call = client.Expand({ text: 'cancel-js', count: 1, mode: 'wait' }, deadline(30000));
      call.on('data', () => call.cancel());
      call.on('error', () => resolve());
      call.on('end', () => resolve());
    });
    return (await unary(client, 'Say', { text: 'cancel-js', mode: 'was_cancelled' }, null, deadline(15000))).text;
  });

  const raw = new grpc.Client(address, grpc.credentials.createInsecure());
  const rawUnary = (methodPath) => new Promise((resolve, reject) => {
    raw.makeUnaryRequest(methodPath, (b) => b, (b) => b, Buffer.alloc(0), deadline(10000), (err, reply) => (err ? reject(err) : resolve(reply.toString('hex'))));
  });
  await attempt('unimplemented', () => rawUnary('/hub.grpc.test.v1.Unmapped/Say'));
  await attempt('health', () => rawUnary('/grpc.health.v1.Health/Check'));
  raw.close();
  client.close();

  process.stdout.write(JSON.stringify(results) + '\n');
}

function runServer(protoDir) {
  const pkg = echoPackage(protoDir);
  const cancelled = new Set();
  const waiters = [];
  const markCancelled = (text) => {
    cancelled.add(text);
    for (const w of waiters.splice(0)) w();
  };
  const waitForCancellation = (text, call) => new Promise((resolve) => {
    if (call.cancelled) { markCancelled(text); resolve(); return; }
    call.on('cancelled', () => { markCancelled(text); resolve(); });
  });
  const wasCancelled = (text) => new Promise((resolve) => {
    const check = () => (cancelled.has(text) ? resolve('yes') : waiters.push(check));
    setTimeout(() => resolve(cancelled.has(text) ? 'yes' : 'no'), 10000);
    check();
  });

  const server = new grpc.Server({ 'grpc.default_compression_algorithm': GZIP });
  server.addService(pkg.Echo.service, {
    Say: async (call, callback) => {
      const request = call.request;
      if (request.mode === 'fail') {
        callback({ code: grpc.status.INVALID_ARGUMENT, details: FAIL_MESSAGE });
        return;
      }
      if (request.mode === 'wait') {
        await waitForCancellation(request.text, call);
        return;
      }
      if (request.mode === 'was_cancelled') {
        callback(null, { text: await wasCancelled(request.text) });
        return;
      }
      let trailers;
      if (request.mode === 'metadata') {
        const echoed = new grpc.Metadata();
        trailers = new grpc.Metadata();
        for (const [key, values] of Object.entries(call.metadata.getMap())) {
          if (key.startsWith('x-')) {
            echoed.add(key, values);
            trailers.add(key, values);
          }
        }
        const auth = call.metadata.get('authorization');
        if (auth.length > 0) echoed.add('x-authorization', auth[0]);
        call.sendMetadata(echoed);
      }
      const payload = request.reply_size > 0 ? Buffer.alloc(request.reply_size) : request.payload;
      callback(null, { text: request.text, payload }, trailers);
    },
    Collect: (call, callback) => {
      const texts = [];
      call.on('data', (r) => texts.push(r.text));
      call.on('end', () => callback(null, { text: texts.join(','), index: texts.length }));
    },
    Expand: async (call) => {
      const request = call.request;
      for (let i = 0; i < request.count; i++) call.write({ text: request.text, index: i, payload: Buffer.alloc(request.reply_size) });
      if (request.mode === 'wait') {
        await waitForCancellation(request.text, call);
        return;
      }
      call.end();
    },
    Chat: (call) => {
      let index = 0;
      call.on('data', (r) => call.write({ text: r.text, index: index++ }));
      call.on('end', () => call.end());
    },
  });
  server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (err, port) => {
    if (err) { console.error(err); process.exit(1); }
    process.stdout.write(`PORT ${port}\n`);
  });
  process.stdin.resume();
  process.stdin.on('end', () => server.forceShutdown());
}

async function listServices(address, protosRoot, version) {
  const pkg = load(`grpc/reflection/${version}/reflection.proto`, [protosRoot]).grpc.reflection[version];
  const client = new pkg.ServerReflection(address, grpc.credentials.createInsecure());
  try {
    return await new Promise((resolve, reject) => {
      const call = client.ServerReflectionInfo(deadline(10000));
      const responses = readAll(call);
      call.write({ list_services: '' });
      call.write({ file_containing_symbol: 'grpc.health.v1.Health' });
      call.end();
      responses.then((all) => resolve({
        services: all[0].list_services_response.service.map((s) => s.name).sort(),
        health_file_count: all[1].file_descriptor_response.file_descriptor_proto.length,
      }), reject);
    });
  } finally {
    client.close();
  }
}

async function runReflect(address, protosRoot) {
  const results = { v1: await listServices(address, protosRoot, 'v1'), v1alpha: await listServices(address, protosRoot, 'v1alpha') };
  process.stdout.write(JSON.stringify(results) + '\n');
}

const [mode, ...args] = process.argv.slice(2);
const run = { client: runClient, server: runServer, reflect: runReflect }[mode];
if (!run) {
  console.error(`unknown mode ${mode}`);
  process.exit(2);
}
Promise.resolve(run(...args)).catch((err) => { console.error(err); process.exit(1); });
