/**
 * Plumbing at the edge: start-up, security headers, error pages, and how every page is drawn.
 * A boundary builds a view record and calls {@link org.tandem.platform.boundary.Pages#page} with
 * a template of src/main/jte (compiled into the package its folder names); the template draws
 * inside platform/boundary/page.jte, the one layout, with words from the {@code messages} bundle
 * in the person's language ({@link org.tandem.platform.boundary.Messages}). See docs/architecture.md.
 */
package org.tandem.platform.boundary;
