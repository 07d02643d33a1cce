package io.tipring.cdr.jdbc.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/**
 * SQL text with its parameters, ready to bind.
 *
 * @param sql        the statement, with a {@code ?} for every parameter
 * @param parameters the values, each a {@link String} or a {@link Long}
 */
record SqlStatement(String sql, List<Object> parameters) {

    SqlStatement {
        parameters = List.copyOf(parameters);
    }

    /**
     * @param connection where to prepare it
     * @return the prepared statement with every parameter bound; the caller closes it
     */
    PreparedStatement prepare(Connection connection) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        try {
            for (int i = 0; i < parameters.size(); i++) {
                switch (parameters.get(i)) {
                    case Long number -> statement.setLong(i + 1, number);
                    case String text -> statement.setString(i + 1, text);
                    default -> throw new IllegalArgumentException("unsupported parameter " + parameters.get(i));
                }
            }
            return statement;
        } catch (SQLException | RuntimeException e) {
            statement.close();
            throw e;
        }
    }
}
