package io.tipring.codec.mp3.internal;

/** The ID3v2 tag that many MP3 files begin with (titles, pictures): its header gives its size, so it is skipped. */
final class Id3v2Tag {

    static final int HEADER_LENGTH = 10;
    private static final int FOOTER_PRESENT = 0x10;

    private Id3v2Tag() {
    }

    /**
     * @param bytes at least {@link #HEADER_LENGTH} bytes from {@code at}
     * @return the length of the whole tag that starts at {@code at}, header and footer included, or -1 if no tag
     *         starts there
     */
    static int lengthAt(byte[] bytes, int at) {
        boolean tag = bytes[at] == 'I' && bytes[at + 1] == 'D' && bytes[at + 2] == '3'
                && (bytes[at + 3] & 0xFF) != 0xFF && (bytes[at + 4] & 0xFF) != 0xFF
                && (bytes[at + 6] & 0x80) == 0 && (bytes[at + 7] & 0x80) == 0
                && (bytes[at + 8] & 0x80) == 0 && (bytes[at + 9] & 0x80) == 0;
        if (!tag) {
            return -1;
        }
        // The size is "synchsafe": 7 bits in each of 4 bytes, so that it never looks like an MPEG sync.
        int size = bytes[at + 6] << 21 | bytes[at + 7] << 14 | bytes[at + 8] << 7 | bytes[at + 9];
        boolean footer = (bytes[at + 5] & FOOTER_PRESENT) != 0;
        return HEADER_LENGTH + size + (footer ? HEADER_LENGTH : 0);
    }
}
