/* The Teams tab's configuration page: the pasted dashboard link becomes the tab's content. */
(function () {
  'use strict';
  var teams = window.microsoftTeams;
  var form = document.getElementById('tab-config');
  var input = document.getElementById('link');
  var error = document.getElementById('link-error');
  var inTeams = false;
  var TOKEN = /^\/dashboard\/[A-Za-z0-9_-]{10,600}\.[A-Za-z0-9_-]{43}\/?$/;

  function link() {
    try {
      var url = new URL(input.value.trim());
      if (url.origin !== window.location.origin || !TOKEN.test(url.pathname)) return undefined;
      return url;
    } catch {
      return undefined;
    }
  }

  function check() {
    var ok = Boolean(link());
    error.textContent = ok || !input.value ? '' : form.getAttribute('data-origin-error');
    input.setAttribute('aria-invalid', ok || !input.value ? 'false' : 'true');
    if (inTeams) teams.pages.config.setValidityState(ok);
    return ok;
  }

  form.addEventListener('submit', function (event) { event.preventDefault(); check(); });
  input.addEventListener('input', check);
  if (!teams) return;
  // Outside Teams (a plain browser) initialize never succeeds; the check above still helps.
  teams.app.initialize().then(function () {
    inTeams = true;
    teams.pages.config.registerOnSaveHandler(function (save) {
      var url = link();
      if (!url) { save.notifyFailure(form.getAttribute('data-origin-error')); return; }
      var lang = document.documentElement.lang;
      url.search = '?lang=' + encodeURIComponent(lang);
      teams.pages.config.setConfig({
        entityId: 'rollout-dashboard',
        contentUrl: url.toString(),
        websiteUrl: url.toString(),
        suggestedDisplayName: document.title.split(' – ')[0]
      }).then(function () { save.notifySuccess(); }, function (e) { save.notifyFailure(String(e)); });
    });
    check();
  });
})();
