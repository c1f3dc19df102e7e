/**
 * The LTI library's own pages and scripts, independent of the application: templates under
 * src/main/jte/lti/web (compiled into this package), drawn in the library's minimal layout
 * (lti/web/page.jte) with its own bundle by {@link org.tandem.lti.web.LtiPages}. {@link org.tandem.lti.web.Page}
 * is the string builder the library's pages still use until they move to templates.
 */
package org.tandem.lti.web;
