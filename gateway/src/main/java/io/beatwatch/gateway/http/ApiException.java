package io.beatwatch.gateway.http;

/**
 * A failure with a known HTTP status and a stable error code, mapped to {@code {"error", "detail"}}
 * by {@link ErrorMapper}. The detail is shown to the client: never put a token, a tip or a stack
 * trace in it.
 */
public final class ApiException extends RuntimeException {

    private final int status;
    private final String error;

    public ApiException(int status, String error, String detail) {
        super(detail, null, false, false);
        this.status = status;
        this.error = error;
    }

    public int status() {
        return status;
    }

    public String error() {
        return error;
    }

    public String detail() {
        return getMessage();
    }

    public static ApiException badRequest(String detail) {
        return new ApiException(400, ErrorMapper.BAD_REQUEST, detail);
    }

    public static ApiException badRequest(String error, String detail) {
        return new ApiException(400, error, detail);
    }

    public static ApiException unauthorized(String detail) {
        return new ApiException(401, ErrorMapper.UNAUTHORIZED, detail);
    }

    public static ApiException forbidden(String detail) {
        return new ApiException(403, ErrorMapper.FORBIDDEN, detail);
    }

    public static ApiException notFound(String detail) {
        return new ApiException(404, ErrorMapper.NOT_FOUND, detail);
    }

    public static ApiException tooManyRequests(String detail) {
        return new ApiException(429, ErrorMapper.RATE_LIMITED, detail);
    }

    public static ApiException unavailable(String detail) {
        return new ApiException(503, ErrorMapper.UNAVAILABLE, detail);
    }
}
