/*
 * Preloaded into the embedded server: it exits when the process that started it is gone, so a
 * killed test run or a closed terminal never leaves a server holding its port. The IPC channel
 * closes the moment the parent dies, even by SIGKILL; the poll covers a start without one.
 */
'use strict';
if (typeof process.send === 'function') {
  process.on('disconnect', () => process.exit(0));
}
const parentPid = Number(process.env.GRIDLINK_PARENT_PID);
if (parentPid > 0) {
  setInterval(() => {
    try {
      process.kill(parentPid, 0);
    } catch {
      process.exit(0);
    }
  }, 1000).unref();
}
