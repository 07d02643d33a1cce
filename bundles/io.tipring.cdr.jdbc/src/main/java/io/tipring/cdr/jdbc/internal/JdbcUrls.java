package io.tipring.cdr.jdbc.internal;

import java.util.regex.Pattern;

/** Makes JDBC URLs safe to show: passwords given in the URL itself are masked. */
final class JdbcUrls {

    static final String MASK = "****";

    /** {@code password=...} as a query parameter (PostgreSQL) or a {@code ;}-separated attribute (Derby). */
    private static final Pattern PASSWORD_PARAMETER = Pattern.compile("(?i)(password=)[^&;]*");
    /** {@code //user:secret@host} */
    private static final Pattern USER_INFO = Pattern.compile("(//[^/:@]*:)[^@/]*@");

    private JdbcUrls() {
    }

    /**
     * @param url a JDBC URL
     * @return the URL with every password in it replaced by {@value #MASK}
     */
    static String redact(String url) {
        String masked = PASSWORD_PARAMETER.matcher(url).replaceAll("$1" + MASK);
        return USER_INFO.matcher(masked).replaceAll("$1" + MASK + "@");
    }
}
