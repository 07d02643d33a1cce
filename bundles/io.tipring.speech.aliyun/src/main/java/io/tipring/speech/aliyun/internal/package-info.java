/** tipring speech Alibaba Cloud (private). */
package io.tipring.speech.aliyun.internal;
