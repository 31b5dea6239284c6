/*
 * Preloaded into the embedded pouchdb-server (node --require). express-pouchdb builds the
 * options of `POST /<db>/_changes` from the query string only, so `filter=_selector` with the
 * selector in the body (CouchDB 3's documented form, and what `_replicator` jobs with a
 * `selector` send) makes it look for a design doc called `_selector` and crash the process.
 * Passing the body's selector through makes it behave as CouchDB 3 does. Apache CouchDB needs
 * none of this. See DESIGN.md, "pouchdb-server as the test stand-in".
 */
'use strict';
const utils = require('express-pouchdb/lib/utils');

const originalMakeOpts = utils.makeOpts;
utils.makeOpts = function makeOptsWithBodySelector(req, startOpts) {
  const opts = originalMakeOpts.call(this, req, startOpts);
  if (req && req.body && typeof req.body === 'object' && req.body.selector && opts && !opts.selector) {
    opts.selector = req.body.selector;
  }
  return opts;
};

/*
 * `PUT /<db>` by a non-admin crashes pouchdb-server (its route calls `.info` on a rejected
 * promise). CouchDB 3 answers 401 "You are not a server admin."; answer the same, first.
 */
const dbRoutesPath = require.resolve('express-pouchdb/lib/routes/db');
const registerDbRoutes = require(dbRoutesPath);
require.cache[dbRoutesPath].exports = function registerDbRoutesWithAdminCheck(app) {
  app.put('/:db', function requireServerAdmin(req, res, next) {
    const userCtx = req.couchSession && req.couchSession.userCtx;
    const roles = (userCtx && userCtx.roles) || [];
    if (roles.indexOf('_admin') !== -1) return next();
    res.status(401).json({ error: 'unauthorized', reason: 'You are not a server admin.' });
  });
  return registerDbRoutes(app);
};

/*
 * Deleting a `_replicator` doc crashes pouchdb-server: pouchdb-replicator cancels the job,
 * then records "completed" on the doc it no longer finds (`updateExistingDoc` has no catch),
 * and the unhandled rejection ends the process. CouchDB 3 simply stops the job. Swallow
 * exactly that rejection (a `not_found`/`deleted` error), let any other one crash as before.
 */
process.on('unhandledRejection', function ignoreStateOfDeletedReplication(err) {
  if (err && err.status === 404 && err.name === 'not_found' && err.reason === 'deleted') return;
  throw err;
});

/*
 * pouchdb-validation hands validate_doc_update the old doc's `_revisions` by overwriting the
 * new doc's (`newDoc._revisions = (oldDoc || {})._revisions`). For a replicated write
 * (`_bulk_docs` with new_edits=false) that replaces the incoming revision history, and the
 * update is silently dropped: in any database with a validate_doc_update, replication carried
 * new docs but never a changed one (measured: `[]` answered, nothing written). CouchDB keeps
 * the incoming history. Load the module with that line keeping a history the doc already has.
 */
(function keepReplicatedRevisionHistory() {
  const Module = require('module');
  const fs = require('fs');
  const path = require.resolve('pouchdb-validation');
  const original = 'newDoc._revisions = (oldDoc || {})._revisions;';
  const source = fs.readFileSync(path, 'utf8');
  if (source.indexOf(original) === -1) return; // a fixed or changed version: leave it alone
  const patched = source.replace(original, 'if (!newDoc._revisions) { newDoc._revisions = (oldDoc || {})._revisions; }');
  const fixed = new Module(path, module);
  fixed.filename = path;
  fixed.paths = Module._nodeModulePaths(require('path').dirname(path));
  fixed._compile(patched, path);
  fixed.loaded = true;
  require.cache[path] = fixed;
})();
