/**
 * Call-detail records: the record of every call that started, and the query over them.
 * <p>
 * {@link io.tipring.api.cdr.CdrStore} is implemented by tipring; the record and query types are plain values.
 */
@Export
@Version("1.0.0")
package io.tipring.api.cdr;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
