/** tipring speech Tencent Cloud (private). */
package io.tipring.speech.tencent.internal;
