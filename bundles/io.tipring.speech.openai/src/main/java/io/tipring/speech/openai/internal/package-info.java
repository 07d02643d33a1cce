/** tipring speech OpenAI (private). */
package io.tipring.speech.openai.internal;
