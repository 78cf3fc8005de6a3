(function () {
  'use strict';
  // The code-cell sandbox (see src/notebook/sandbox.ts): this document is the srcdoc frame, with
  // sandbox="allow-scripts" (an opaque origin: no storage, no cookies), of public/sandbox/cell.html,
  // whose policy it inherits and which allows no network at all. It accepts one start message
  // from the site's page (its parent's parent), starts the cell worker from the text it was
  // handed, and answers liveness pings.
  var page = parent.parent;
  if (self.origin !== 'null' || parent === self || page === parent) return; // not sandboxed, or not framed by a page: do nothing
  var started = false;
  addEventListener('message', function (e) {
    if (started || e.source !== page) return;
    var d = e.data;
    if (!d || d.type !== 'bpn-sandbox-start' || typeof d.workerText !== 'string' || e.ports.length !== 2) return;
    started = true;
    var control = e.ports[0];
    var worker;
    try {
      var url = URL.createObjectURL(new Blob([d.workerText], { type: 'text/javascript' }));
      worker = new Worker(url, { name: 'backprop-notebook cell' });
      URL.revokeObjectURL(url);
    } catch (err) {
      control.postMessage({ type: 'worker-error', message: String(err && err.message || err) });
      return;
    }
    worker.onerror = function (ev) {
      ev.preventDefault();
      control.postMessage({ type: 'worker-error', message: String(ev.message || 'the cell worker failed') });
    };
    worker.onmessage = function () { /* the worker talks to the page only through its port */ };
    worker.postMessage({ type: 'bpn-port' }, [e.ports[1]]);
    control.onmessage = function (m) {
      var c = m.data;
      if (c && c.type === 'ping' && typeof c.n === 'number') control.postMessage({ type: 'pong', n: c.n });
    };
  });
})();
