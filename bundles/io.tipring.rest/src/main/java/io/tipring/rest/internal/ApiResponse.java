package io.tipring.rest.internal;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The envelope every Outgoing Call API answer has: {@code {"status":200,"errors":"","data":{...}}}.
 * {@code status} always equals the HTTP status of the response that carries it.
 *
 * @param status the HTTP status
 * @param errors the error message, empty on success
 * @param data   the payload, {@code null} on error
 */
@JsonPropertyOrder({"status", "errors", "data"})
public record ApiResponse(int status, String errors, Object data) {

    public static ApiResponse ok(Object data) {
        return new ApiResponse(200, "", data);
    }

    public static ApiResponse error(int status, String message) {
        return new ApiResponse(status, message, null);
    }
}
