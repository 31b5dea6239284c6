/*
 * Preloaded into the embedded server: it may send HTTP requests only to itself
 * (127.0.0.1:GRIDLINK_EMBEDDED_PORT). Its only client is its replicator, and the replication jobs
 * of the dev district carry the admin login in their headers and the URL the server had when
 * they were written. Started on another port on the same data folder, it would otherwise send
 * that login, over and over, to whatever now listens on the old port (a real CouchDB locks its
 * admin account out). devDistrict.ts re-points the jobs; this makes sure nothing leaks before.
 */
'use strict';
const http = require('http');
const https = require('https');

const ownPort = Number(process.env.GRIDLINK_EMBEDDED_PORT);
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);
const reported = new Set();

function targetOf(args, defaultPort) {
  const first = args[0];
  if (typeof first === 'string' || first instanceof URL) {
    const url = new URL(first);
    return { host: url.hostname, port: Number(url.port || defaultPort), origin: url.origin };
  }
  const options = first || {};
  const host = options.hostname || (options.host || 'localhost').replace(/:\d+$/, '');
  const port = Number(options.port || defaultPort);
  return { host, port, origin: `${options.protocol || 'http:'}//${host}:${port}` };
}

function guard(module, name, defaultPort, secure) {
  const original = module[name];
  module[name] = function requestOnlyItself() {
    const target = targetOf(arguments, defaultPort);
    if (secure || !LOOPBACK.has(target.host) || target.port !== ownPort) {
      const message = `gridlink embedded server: refused a request to ${target.origin}: it talks only to itself (127.0.0.1:${ownPort}); a replication job written when the server had another port?`;
      if (!reported.has(target.origin)) {
        reported.add(target.origin);
        process.stderr.write(message + '\n');
      }
      throw new Error(message);
    }
    return original.apply(this, arguments);
  };
}

if (ownPort > 0) {
  guard(http, 'request', 80, false);
  guard(http, 'get', 80, false);
  guard(https, 'request', 443, true);
  guard(https, 'get', 443, true);
}
