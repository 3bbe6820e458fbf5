package io.beatwatch.load.fuzz;

import io.beatwatch.core.model.Reject;
import io.beatwatch.core.validate.Bounds;
import io.beatwatch.core.validate.Decoder;
import io.beatwatch.core.validate.Parsed;
import io.beatwatch.core.validate.ValidationRules;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.SplittableRandom;

/** The JSON decoder of calls and tips ({@link Decoder}), which documents that it never throws. */
public final class DecoderTarget implements FuzzTarget {

    private final Decoder decoder =
            new Decoder(
                    ValidationRules.of(new Bounds(29.0, 29.85, -98.95, -98.15)),
                    Clock.fixed(Seeds.NOW, ZoneOffset.UTC),
                    "fuzz");

    @Override
    public String name() {
        return "decoder";
    }

    @Override
    public Object generate(SplittableRandom r) {
        boolean tip = r.nextInt(4) == 0;
        String seed = tip ? Seeds.tipJson(r) : Seeds.callJson(r);
        int how = r.nextInt(20);
        Object input;
        if (how == 0) {
            input = Mutations.randomBytes(r, r.nextInt(400));
        } else if (how < 4) {
            input = Mutations.flipBytes(seed.getBytes(StandardCharsets.UTF_8), r);
        } else {
            input = Mutations.mutate(seed, r);
        }
        return new Input(tip, input);
    }

    @Override
    public boolean run(Object in) {
        Input input = (Input) in;
        Parsed<?> p;
        if (input.payload() instanceof byte[] b) {
            p = input.tip() ? decoder.tip(b) : decoder.call(b);
        } else {
            String s = (String) input.payload();
            p = input.tip() ? decoder.tip(s) : decoder.call(s);
        }
        return named(p);
    }

    @Override
    public boolean documented(Throwable t) {
        return false;
    }

    @Override
    public String describe(Object in) {
        Input input = (Input) in;
        return (input.tip() ? "tip " : "call ") + FuzzTarget.super.describe(input.payload());
    }

    /** True if ok; false for a reject with a reason and a detail; throws for an unnamed one. */
    static boolean named(Parsed<?> p) {
        if (p == null) throw new UnnamedReject("null outcome");
        if (p.isOk()) return true;
        Reject r = p.reject();
        if (r.reason() == null || r.detail() == null || r.detail().isBlank()) {
            throw new UnnamedReject("reject without a reason or detail: " + r);
        }
        return false;
    }

    record Input(boolean tip, Object payload) {}
}
