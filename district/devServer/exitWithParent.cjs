/*
 * Preloaded into the embedded server: it exits when the process that started it is gone, so a
 * killed test run or a closed terminal never leaves a server holding its port.
 */
'use strict';
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
