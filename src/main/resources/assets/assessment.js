/*
 * Saves each assessment answer as the learner gives it, so nothing is lost when the LMS frame
 * closes. Without this script the form's Save button does the same.
 */
(function () {
  'use strict';
  var form = document.getElementById('assessment');
  if (!form || !window.fetch || !window.URLSearchParams) { return; }
  var status = document.getElementById('autosave-status');
  var url = form.getAttribute('data-autosave');
  function base() {
    var params = new URLSearchParams();
    params.append('s', form.elements.s.value);
    params.append('attempt', form.elements.attempt.value);
    return params;
  }
  function save(name, value) {
    var params = base();
    params.append(name, value);
    fetch(url, { method: 'POST', body: params, credentials: 'omit',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' } })
      .then(function (response) {
        if (response.status === 204) {
          status.textContent = 'Saved.';
        } else {
          return response.text().then(function (text) { status.textContent = 'Not saved: ' + text; });
        }
      })
      .catch(function () { status.textContent = 'Not saved: the connection failed. Use the Save answers button.'; });
  }
  // answered and still to answer: every radio group is one question
  var count = document.getElementById('answered-count');
  var left = document.getElementById('answered-left');
  function recount() {
    var groups = {};
    var inputs = form.querySelectorAll('input[type=radio]');
    for (var i = 0; i < inputs.length; i++) {
      groups[inputs[i].name] = groups[inputs[i].name] || inputs[i].checked;
    }
    var names = Object.keys(groups);
    var done = names.filter(function (name) { return groups[name]; }).length;
    if (count) { count.textContent = String(done); }
    if (left) { left.textContent = String(names.length - done); }
  }
  form.addEventListener('change', recount);
  form.addEventListener('change', function (event) {
    var target = event.target;
    if (target && target.name && target.name !== 's' && target.name !== 'attempt') {
      save(target.name, target.value);
    }
  });
}());
