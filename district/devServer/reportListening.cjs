/*
 * Preloaded into the embedded server: tells the process that started it (over the IPC channel)
 * the address and port it listens on, or that the port was taken. That, not an answer on the port, is how the parent knows
 * the server on 127.0.0.1:<port> is its own: only one socket can listen on an address and port,
 * so once this one does, whatever answers there is this process. Only then does the parent send
 * the admin login.
 */
'use strict';
const net = require('net');

if (typeof process.send === 'function') {
  const listen = net.Server.prototype.listen;
  net.Server.prototype.listen = function listenAndReport() {
    this.once('listening', () => {
      const address = this.address();
      if (address && typeof address === 'object' && process.connected) {
        process.send({ gridlinkListening: { address: address.address, port: address.port } });
      }
    });
    const onError = (err) => {
      if (err && err.code === 'EADDRINUSE' && process.connected) process.send({ gridlinkListenFailed: err.code });
      // Without other listeners the error stays as fatal as it was.
      if (this.listenerCount('error') === 0) throw err;
    };
    this.once('error', onError);
    this.once('listening', () => this.off('error', onError));
    return listen.apply(this, arguments);
  };
}
