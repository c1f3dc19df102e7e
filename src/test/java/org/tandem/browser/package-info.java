/**
 * What browser tests share: Debian's headless Chromium with third-party cookies blocked, the
 * LMS frame Tandem runs in, and the axe-core accessibility audit.
 */
package org.tandem.browser;
