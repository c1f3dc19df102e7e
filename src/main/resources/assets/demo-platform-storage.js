/*
 * The demo platform's side of LTI Platform Storage (client-side postMessages): answers
 * lti.capabilities, lti.put_data and lti.get_data from the tool's frame, keeping values in memory
 * per tool origin, as Canvas's post_message_forwarding frame does. Lets the demo launch work in
 * browsers that block Tandem's state cookie.
 */
(function () {
  'use strict';
  var store = {};
  window.addEventListener('message', function (event) {
    var data = event.data;
    if (!data || typeof data !== 'object' || typeof data.subject !== 'string' || !event.source) { return; }
    var space = store[event.origin] || (store[event.origin] = {});
    var reply = { subject: data.subject + '.response', message_id: data.message_id };
    if (data.subject === 'lti.capabilities') {
      reply.supported_messages = [{ subject: 'lti.put_data' }, { subject: 'lti.get_data' }];
    } else if (data.subject === 'lti.put_data') {
      if (typeof data.key !== 'string') { reply.error = { code: 'bad_request', message: 'key is required' }; }
      else { space[data.key] = data.value; reply.key = data.key; reply.value = data.value; }
    } else if (data.subject === 'lti.get_data') {
      if (typeof data.key !== 'string') { reply.error = { code: 'bad_request', message: 'key is required' }; }
      else { reply.key = data.key; reply.value = Object.prototype.hasOwnProperty.call(space, data.key) ? space[data.key] : null; }
    } else {
      return;
    }
    // answer only the window that asked, on its own origin
    event.source.postMessage(reply, event.origin);
  });
}());
