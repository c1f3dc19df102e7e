/**
 * Training content: joint modules, role-swap scenarios and pre/post instruments, delivered in
 * versioned content packs (YAML or JSON validated by a JSON Schema). Knows nothing of LTI.
 */
package org.tandem.catalogue;
