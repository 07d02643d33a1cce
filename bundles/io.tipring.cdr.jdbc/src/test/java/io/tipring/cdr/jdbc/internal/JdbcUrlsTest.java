package io.tipring.cdr.jdbc.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Passwords inside JDBC URLs never reach a log line. */
class JdbcUrlsTest {

    @Test
    void masksPasswordParametersAttributesAndUserInfo() {
        assertEquals("jdbc:postgresql://db:5432/cdr?user=tipring&password=****&ssl=true",
                JdbcUrls.redact("jdbc:postgresql://db:5432/cdr?user=tipring&password=s3cret&ssl=true"));
        assertEquals("jdbc:derby:/var/tipring/db/cdr;user=app;Password=****;create=true",
                JdbcUrls.redact("jdbc:derby:/var/tipring/db/cdr;user=app;Password=s3cret;create=true"));
        assertEquals("jdbc:postgresql://tipring:****@db/cdr",
                JdbcUrls.redact("jdbc:postgresql://tipring:s3cret@db/cdr"));
    }

    @Test
    void leavesUrlsWithoutPasswordsAlone() {
        String url = "jdbc:derby:/var/tipring/db/cdr;create=true";

        assertEquals(url, JdbcUrls.redact(url));
    }
}
