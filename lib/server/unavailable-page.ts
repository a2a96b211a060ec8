// The "Database unavailable" page the proxy answers with (HTTP 503). Plain HTML, not a React page:
// it is served before Next renders anything, so it needs nothing that touches the database. The
// same look as the app (slate on white, indigo button) in a few inline styles.

/** Seconds between automatic retries; also the Retry-After header. */
export const RETRY_SECONDS = 5;

export function unavailableHtml(): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>Database unavailable · Sequencer</title>
<style>
  body { margin: 0; min-height: 100vh; display: flex; align-items: center; justify-content: center;
    font-family: ui-sans-serif, system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; background: #f8fafc; color: #0f172a; }
  main { max-width: 28rem; margin: 1rem; padding: 2rem; background: #fff; border-radius: 0.75rem;
    box-shadow: 0 1px 2px rgb(0 0 0 / 0.05); outline: 1px solid #e2e8f0; text-align: center; }
  h1 { font-size: 1.125rem; margin: 0 0 0.5rem; }
  p { font-size: 0.875rem; color: #475569; margin: 0.5rem 0; line-height: 1.5; }
  button { margin-top: 1rem; padding: 0.5rem 1rem; border: 0; border-radius: 0.375rem; background: #4f46e5;
    color: #fff; font-size: 0.875rem; font-weight: 500; cursor: pointer; }
  button:hover { background: #4338ca; }
  button:focus-visible { outline: 2px solid #4f46e5; outline-offset: 2px; }
</style>
</head>
<body>
<main>
  <h1>Database unavailable — retrying</h1>
  <p>Sequencer cannot reach its database right now. Nothing you did was lost: work already saved stays saved.</p>
  <p id="retry-status" role="status">This page retries by itself every ${RETRY_SECONDS} seconds.</p>
  <button type="button" id="retry-now">Retry now</button>
  <noscript><p><a href="">Reload this page</a> to retry.</p></noscript>
</main>
<script>
(function () {
  var status = document.getElementById("retry-status");
  var busy = false;
  function check() {
    if (busy) return;
    busy = true;
    fetch(location.href, { method: "HEAD", cache: "no-store", credentials: "same-origin", redirect: "manual" })
      .then(function (r) {
        if (r.status !== 503) location.reload();
        else status.textContent = "Still unavailable at " + new Date().toLocaleTimeString() + "; retrying every ${RETRY_SECONDS} seconds.";
      })
      .catch(function () { status.textContent = "The server does not answer; retrying every ${RETRY_SECONDS} seconds."; })
      .then(function () { busy = false; });
  }
  document.getElementById("retry-now").addEventListener("click", function () { location.reload(); });
  setInterval(check, ${RETRY_SECONDS * 1000});
})();
</script>
</body>
</html>`;
}
