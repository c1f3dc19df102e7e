/* Submits the form with id "autopost" as soon as the page loads (an OIDC form_post response). */
(function () {
  'use strict';
  var form = document.getElementById('autopost');
  if (form) { form.submit(); }
}());
