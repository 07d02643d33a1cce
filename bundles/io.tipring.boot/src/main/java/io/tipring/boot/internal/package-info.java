/**
 * What the server needs before its start levels run: every installed bundle resolved at once
 * ({@link io.tipring.boot.internal.ResolveEverything}).
 */
package io.tipring.boot.internal;
