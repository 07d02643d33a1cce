package io.tipring.media.internal.dtmf;

import java.util.Objects;

/**
 * The sixteen DTMF keys with the two names the wire gives each one: its RFC 4733 event code, and the pair of
 * frequencies (ITU-T Q.23) whose sum is its tone, one from the low (row) group and one from the high (column)
 * group.
 */
public enum DtmfDigit {

    ZERO('0', 3, 1),
    ONE('1', 0, 0),
    TWO('2', 0, 1),
    THREE('3', 0, 2),
    FOUR('4', 1, 0),
    FIVE('5', 1, 1),
    SIX('6', 1, 2),
    SEVEN('7', 2, 0),
    EIGHT('8', 2, 1),
    NINE('9', 2, 2),
    STAR('*', 3, 0),
    POUND('#', 3, 2),
    A('A', 0, 3),
    B('B', 1, 3),
    C('C', 2, 3),
    D('D', 3, 3);

    private static final int[] ROW_FREQUENCIES = {697, 770, 852, 941};
    private static final int[] COLUMN_FREQUENCIES = {1209, 1336, 1477, 1633};

    // values() copies its array on every call; lookups on the media path use these instead.
    private static final DtmfDigit[] BY_EVENT_CODE = values();
    private static final DtmfDigit[] BY_KEY = new DtmfDigit[16];

    static {
        for (DtmfDigit digit : BY_EVENT_CODE) {
            BY_KEY[digit.row * 4 + digit.column] = digit;
        }
    }

    private final char symbol;
    private final int row;
    private final int column;

    DtmfDigit(char symbol, int row, int column) {
        this.symbol = symbol;
        this.row = row;
        this.column = column;
    }

    /** @return the character that names the key: {@code 0-9}, {@code *}, {@code #}, {@code A-D} */
    public char symbol() {
        return symbol;
    }

    /** @return the RFC 4733 event code: 0-9 for the digits, 10 for *, 11 for #, 12-15 for A-D */
    public int eventCode() {
        return ordinal();
    }

    /** @return the keypad row, 0-3, which selects the low-group frequency */
    public int row() {
        return row;
    }

    /** @return the keypad column, 0-3, which selects the high-group frequency */
    public int column() {
        return column;
    }

    /** @return the low-group frequency in Hz */
    public int lowFrequency() {
        return ROW_FREQUENCIES[row];
    }

    /** @return the high-group frequency in Hz */
    public int highFrequency() {
        return COLUMN_FREQUENCIES[column];
    }

    /**
     * @param row keypad row, 0-3
     * @return the low-group frequency of that row in Hz
     * @throws IndexOutOfBoundsException if {@code row} is outside 0-3
     */
    public static int rowFrequency(int row) {
        return ROW_FREQUENCIES[row];
    }

    /**
     * @param column keypad column, 0-3
     * @return the high-group frequency of that column in Hz
     * @throws IndexOutOfBoundsException if {@code column} is outside 0-3
     */
    public static int columnFrequency(int column) {
        return COLUMN_FREQUENCIES[column];
    }

    /**
     * @param eventCode an RFC 4733 event code
     * @return its key, or {@code null} for a code that is not a DTMF key (16 and above: flash, modem tones ...)
     */
    public static DtmfDigit ofEventCode(int eventCode) {
        return eventCode >= 0 && eventCode < BY_EVENT_CODE.length ? BY_EVENT_CODE[eventCode] : null;
    }

    /**
     * @param row    keypad row, 0-3
     * @param column keypad column, 0-3
     * @return the key at that place
     * @throws IndexOutOfBoundsException if either is outside 0-3
     */
    public static DtmfDigit ofKey(int row, int column) {
        return BY_KEY[Objects.checkIndex(row, 4) * 4 + Objects.checkIndex(column, 4)];
    }

    /**
     * @param symbol {@code 0-9}, {@code *}, {@code #}, {@code A-D} (or {@code a-d})
     * @return its key, or {@code null} for any other character
     */
    public static DtmfDigit ofSymbol(char symbol) {
        char upper = Character.toUpperCase(symbol);
        for (DtmfDigit digit : BY_EVENT_CODE) {
            if (digit.symbol == upper) {
                return digit;
            }
        }
        return null;
    }
}
