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
 * What CouchDB 3 keeps to server admins and pouchdb-server does not: creating and deleting a
 * database (`PUT /<db>` by a non-admin even crashed pouchdb-server: its route calls `.info` on a
 * rejected promise) and listing all databases (`[chttpd] admin_only_all_dbs`, on by default in
 * CouchDB 3). Answered as CouchDB answers, before pouchdb-server's own routes.
 */
function requireServerAdmin(req, res, next) {
  const userCtx = req.couchSession && req.couchSession.userCtx;
  const roles = (userCtx && userCtx.roles) || [];
  if (roles.indexOf('_admin') !== -1) return next();
  res.status(401).json({ error: 'unauthorized', reason: 'You are not a server admin.' });
}

function guardRoutes(request, guard) {
  const path = require.resolve(request);
  const register = require(path);
  require.cache[path].exports = function registerGuarded(app) {
    guard(app);
    return register(app);
  };
}
guardRoutes('express-pouchdb/lib/routes/db', function (app) {
  app.put('/:db', requireServerAdmin);
  app.delete('/:db', requireServerAdmin);
});
guardRoutes('express-pouchdb/lib/routes/all-dbs', function (app) {
  app.get('/_all_dbs', requireServerAdmin);
});

/*
 * pouchdb-server writes `_users` docs without running the database's validate_doc_update
 * functions (a user could give itself roles). CouchDB runs them for every write: so does this,
 * for writes by non-admins, with the design docs the database holds.
 */
function validateUsersWrite(req, res, next) {
  const userCtx = (req.couchSession && req.couchSession.userCtx) || { name: null, roles: [] };
  if ((userCtx.roles || []).indexOf('_admin') !== -1) return next();
  const db = new req.PouchDB('_users');
  const docs = req.body && Array.isArray(req.body.docs) ? req.body.docs : [Object.assign({}, req.body, req.params.id ? { _id: req.params.id } : {})];
  if (req.method === 'DELETE') docs[0] = { _id: req.params.id, _deleted: true };
  db.allDocs({ startkey: '_design/', endkey: '_design0', include_docs: true })
    .then(function (designs) {
      const validators = designs.rows
        .filter(function (row) { return row.doc && typeof row.doc.validate_doc_update === 'string'; })
        // With the helpers CouchDB's JavaScript engine gives design functions.
        .map(function (row) { return new Function('isArray', 'log', 'toJSON', 'return (' + row.doc.validate_doc_update + ');')(Array.isArray, function () {}, JSON.stringify); });
      return Promise.all(docs.map(function (doc) {
        return db.get(doc._id).catch(function () { return null; }).then(function (oldDoc) {
          validators.forEach(function (validate) { validate(doc, oldDoc, userCtx, {}); });
        });
      }));
    })
    .then(function () { next(); })
    .catch(function (err) {
      if (err && err.forbidden) return res.status(403).json({ error: 'forbidden', reason: err.forbidden });
      if (err && err.unauthorized) return res.status(401).json({ error: 'unauthorized', reason: err.unauthorized });
      res.status(500).json({ error: 'validation_failed', reason: String((err && err.message) || err) });
    });
}
guardRoutes('express-pouchdb/lib/routes/documents', function (app) {
  app.put('/_users/:id', utils.jsonParser, validateUsersWrite);
  app.delete('/_users/:id', validateUsersWrite);
});
guardRoutes('express-pouchdb/lib/routes/bulk-docs', function (app) {
  app.post('/_users/_bulk_docs', utils.jsonParser, validateUsersWrite);
});

/*
 * pouchdb-server's replicator leaves promises unhandled when a job's doc goes away or a job is
 * refused (deleting a `_replicator` doc: it records "completed" on a doc it no longer finds), and
 * an unhandled rejection ends the process: every station and test on it loses its server.
 * CouchDB stops the job and goes on; so does this server, noting the error in its log.
 */
process.on('unhandledRejection', function keepServing(err) {
  if (err && err.status === 404 && err.name === 'not_found' && err.reason === 'deleted') return;
  process.stderr.write('gridlink embedded server: unhandled rejection, server kept running: ' + (err && err.stack ? err.stack : String(err)) + '\n');
});

/*
 * Loads a module of pouchdb-server with exact source replacements, before anything requires
 * it. A replacement that no longer matches (another version) leaves the module untouched.
 */
function loadPatched(request, replacements) {
  const Module = require('module');
  const fs = require('fs');
  const path = require.resolve(request);
  let source = fs.readFileSync(path, 'utf8');
  for (const [original, replacement] of replacements) {
    if (source.indexOf(original) === -1) return;
    source = source.replace(original, replacement);
  }
  const patched = new Module(path, module);
  patched.filename = path;
  patched.paths = Module._nodeModulePaths(require('path').dirname(path));
  patched._compile(source, path);
  patched.loaded = true;
  require.cache[path] = patched;
}

/*
 * pouchdb-validation hands validate_doc_update the old doc's `_revisions` by overwriting the
 * new doc's (`newDoc._revisions = (oldDoc || {})._revisions`). For a replicated write
 * (`_bulk_docs` with new_edits=false) that replaces the incoming revision history, and the
 * update is silently dropped: in any database with a validate_doc_update, replication carried
 * new docs but never a changed one (measured: `[]` answered, nothing written). CouchDB keeps
 * the incoming history.
 */
loadPatched('pouchdb-validation', [
  ['newDoc._revisions = (oldDoc || {})._revisions;', 'if (!newDoc._revisions) { newDoc._revisions = (oldDoc || {})._revisions; }'],
  /*
   * An ordinary write whose `_rev` is not the stored revision (or a create of a doc that exists)
   * is a conflict: CouchDB answers 409 before validate_doc_update runs. pouchdb-validation ran the functions first, against the
   * stored doc, so the rules' "a write descends from the stored revision" answered 403 and a
   * desk's stale write was refused where CouchDB lets it merge (found by the randomized run).
   */
  [
    'var oldDocPromise = oldDoc(db, newDoc._id);',
    'var oldDocPromise = oldDoc(db, newDoc._id).then(function (old) { if (old && options.new_edits !== false && old._rev !== newDoc._rev) { throw new PouchPluginError({ name: "conflict", message: "Document update conflict.", status: 409 }); } return old; });',
  ],
]);

/*
 * pouchdb-replicator remembers each running job's "signature" (source, target, options) to
 * spot duplicates, and forgets it only when the job's doc records completion. A deleted job
 * doc never does, so a job deleted and written again with the same content was taken for a
 * duplicate of itself and never started (measured: no state, nothing replicated). CouchDB 3
 * starts it. Forget the signature when the job is cancelled because its doc changed. And a
 * cancelled job must not record "completed" afterwards: that landed on the job doc written
 * in its place and stopped the new job.
 */
loadPatched('pouchdb-replicator', [
  // It also forgot its own state writes by position 0 (`splice(doc._id, 1)`), not by id: with
  // many jobs, its own writes were taken for an operator's edit and jobs restarted or stopped.
  ['data.changedByReplicator.splice(doc._id, 1);', 'data.changedByReplicator.splice(data.changedByReplicator.indexOf(doc._id), 1);'],
  [
    'oldReplication.cancel();',
    'oldReplication.cancel();\n    if (data.repIdByDocId && data.repIdByDocId[doc._id]) { delete data.activeReplicationSignaturesByRepId[data.repIdByDocId[doc._id]]; delete data.repIdByDocId[doc._id]; }',
  ],
  [
    'data.activeReplicationSignaturesByRepId[doc._replication_id] = currentSignature;',
    'data.activeReplicationSignaturesByRepId[doc._replication_id] = currentSignature;\n    (data.repIdByDocId = data.repIdByDocId || {})[doc._id] = doc._replication_id;',
  ],
  [
    'replication.then(onReplicationComplete.bind(null, db, doc._id));',
    'replication.then(function (info) { if (!replication.cancelled) { onReplicationComplete(db, doc._id, info); } });',
  ],
  [
    'replication.catch(onReplicationError.bind(null, db, doc._id));',
    'replication.catch(function (err) { if (!replication.cancelled) { onReplicationError(db, doc._id, err); } });',
  ],
]);

/*
 * pouchdb-server gzips every answer, a longpoll's too: the longpoll's first bytes then sit in
 * the gzip buffer until a change comes, and the client sees no answer at all until then (a
 * station back from an outage waited out its whole request timeout before it said 在线).
 * CouchDB sends a feed's head at once, uncompressed: so do feeds here.
 */
loadPatched('express-pouchdb/lib/compression', [
  [
    "app.use(require('compression')());",
    "var compression = require('compression'); app.use(compression({ filter: function (req, res) { return !(/\\/_changes$/.test(req.path) && (req.query.feed === 'longpoll' || req.query.feed === 'continuous')) && compression.filter(req, res); } }));",
  ],
]);

/*
 * pouchdb-server ignores a longpoll's `timeout` and holds it until the next change; CouchDB ends
 * it after `timeout` ms (default 60 s) with no results. A quiet station's longpoll then outlived
 * its request timeout and counted as a lost request (离线) every minute. Ended here as CouchDB
 * ends it.
 */
loadPatched('express-pouchdb/lib/routes/changes', [
  [
    '.on(\'change\', function (change) {\n                utils.writeJSON(res, change);',
    '.on(\'change\', function (change) {\n                clearTimeout(idle);\n                utils.writeJSON(res, change);',
  ],
  [
    'var cancelChanges = function () {\n              changes.cancel();\n            }',
    "var cancelChanges = function () {\n              changes.cancel();\n              clearTimeout(idle);\n            }\n" +
      "            var idle = setTimeout(function () {\n" +
      "              changes.cancel();\n" +
      "              req.connection.removeListener('close', cancelChanges);\n" +
      "              res.write('],\\n\"last_seq\":' + JSON.stringify(req.query.since) + '}\\n');\n" +
      "              res.end();\n" +
      "              cleanup();\n" +
      "            }, Number(req.query.timeout) || 60000);",
  ],
]);
