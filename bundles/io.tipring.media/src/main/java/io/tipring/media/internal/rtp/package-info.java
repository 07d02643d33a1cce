/**
 * RTP as RFC 3550 defines it, without sockets: reading and writing packet headers in place, sequence-number
 * and timestamp arithmetic across wrap-around, and the receiver statistics of RFC 3550 appendix A (extended
 * sequence numbers, interarrival jitter). Everything here works on caller-owned byte arrays and allocates
 * nothing per packet, because it runs for every packet of every call.
 */
package io.tipring.media.internal.rtp;
