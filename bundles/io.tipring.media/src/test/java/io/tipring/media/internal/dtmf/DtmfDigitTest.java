package io.tipring.media.internal.dtmf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class DtmfDigitTest {

    @Test
    void eventCodesFollowRfc4733() {
        String symbols = "0123456789*#ABCD";
        for (int code = 0; code < 16; code++) {
            DtmfDigit digit = DtmfDigit.ofEventCode(code);
            assertEquals(symbols.charAt(code), digit.symbol());
            assertEquals(code, digit.eventCode());
            assertSame(digit, DtmfDigit.ofSymbol(symbols.charAt(code)));
        }
    }

    @Test
    void codesBeyondTheKeypadAreNotDigits() {
        assertNull(DtmfDigit.ofEventCode(16));
        assertNull(DtmfDigit.ofEventCode(255));
        assertNull(DtmfDigit.ofEventCode(-1));
    }

    @Test
    void symbolsAreReadGenerously() {
        assertSame(DtmfDigit.A, DtmfDigit.ofSymbol('a'));
        assertSame(DtmfDigit.D, DtmfDigit.ofSymbol('d'));
        assertNull(DtmfDigit.ofSymbol('E'));
        assertNull(DtmfDigit.ofSymbol(' '));
    }

    /** ITU-T Q.23: rows 697, 770, 852, 941 Hz; columns 1209, 1336, 1477, 1633 Hz. */
    @Test
    void frequenciesFollowTheKeypad() {
        String keypad = "123A456B789C*0#D";
        int[] rows = {697, 770, 852, 941};
        int[] columns = {1209, 1336, 1477, 1633};
        for (int row = 0; row < 4; row++) {
            for (int column = 0; column < 4; column++) {
                DtmfDigit digit = DtmfDigit.ofKey(row, column);
                assertEquals(keypad.charAt(row * 4 + column), digit.symbol());
                assertEquals(rows[row], digit.lowFrequency());
                assertEquals(columns[column], digit.highFrequency());
                assertEquals(row, digit.row());
                assertEquals(column, digit.column());
            }
        }
        assertThrows(IndexOutOfBoundsException.class, () -> DtmfDigit.ofKey(4, 0));
    }
}
