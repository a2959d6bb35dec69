package io.slimkws.train;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.slimkws.prox.Penalties;
import io.slimkws.prox.Penalty;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every field of every registered penalty is part of a run's identity: each is perturbed in turn
 * (found by reflection over the penalty's record components, nested ones included, not from what
 * the penalty says its parameters are), and every perturbation must give a run identity of its own.
 * A field that the map reads but {@link Penalty#parameters()} leaves out would let two sweep points
 * share one cached run; this test names it.
 */
class PenaltyIdentityTest {
    private static String id(Penalty p) {
        return new RunSpec(
                        "x",
                        Stage.I,
                        Algorithm.RGSM,
                        Hyper.rgsm(p, 1),
                        Schedule.paper(Stage.I),
                        "mini",
                        "fp",
                        1,
                        null)
                .id();
    }

    @Test
    void everyPerturbationOfEveryFieldOfEveryRegisteredPenaltyGivesANewIdentity() {
        Map<String, String> seen = new HashMap<>();
        for (Penalty p : Penalties.REGISTERED) {
            assertFalse(
                    seen.containsKey(id(p)),
                    p.key() + " shares its identity with " + seen.get(id(p)));
            seen.put(id(p), p.key());
            List<Perturbed> variants = perturb(p, p.key());
            assertFalse(variants.isEmpty(), p.key() + ": no field found to perturb");
            for (Perturbed v : variants) {
                Penalty q = (Penalty) v.value();
                String other = seen.put(id(q), v.field());
                if (other != null) {
                    fail(
                            v.field()
                                    + " is not in the run identity: perturbed, it gives the same id"
                                    + " as "
                                    + other);
                }
            }
        }
    }

    @Test
    void describeNamesEveryDeclaredParameter() {
        for (Penalty p : Penalties.REGISTERED) {
            String d = Hyper.rgsm(p, 1).describe();
            p.parameters()
                    .forEach(
                            (name, v) ->
                                    assertTrue(
                                            d.contains(name + "=" + v),
                                            p.key() + ": " + name + " missing from " + d));
        }
    }

    private record Perturbed(String field, Object value) {}

    /**
     * One copy of the record per field (recursively into nested records), with that one field
     * changed.
     */
    private static List<Perturbed> perturb(Object rec, String path) {
        List<Perturbed> out = new ArrayList<>();
        RecordComponent[] cs = rec.getClass().getRecordComponents();
        if (cs == null) {
            fail(path + " is not a record: its fields cannot be checked");
        }
        for (int i = 0; i < cs.length; i++) {
            Object v = get(cs[i], rec);
            List<Object> alternatives = new ArrayList<>();
            String name = path + "." + cs[i].getName();
            if (v instanceof Double d) {
                // The first change the record accepts (a parameter may be bounded, as ℓ1 − αℓ2's 0
                // < α ≤ 1).
                for (double alt : new double[] {d * 1.5 + 0.001, d * 0.5 + 1e-4, d - 1e-3}) {
                    if (accepts(rec, i, alt)) {
                        alternatives.add(alt);
                        break;
                    }
                }
                if (alternatives.isEmpty()) {
                    fail(
                            name
                                    + ": no perturbation of "
                                    + d
                                    + " is accepted by "
                                    + rec.getClass().getSimpleName());
                }
            } else if (v instanceof Enum<?> e) {
                Object[] all = e.getDeclaringClass().getEnumConstants();
                alternatives.add(all[(e.ordinal() + 1) % all.length]);
            } else if (v != null && v.getClass().isRecord()) {
                for (Perturbed p : perturb(v, name)) {
                    out.add(new Perturbed(p.field(), with(rec, i, p.value())));
                }
                continue;
            } else {
                fail(
                        name
                                + ": a field of type "
                                + cs[i].getType().getSimpleName()
                                + " this test cannot perturb");
            }
            for (Object alt : alternatives) {
                out.add(new Perturbed(name, with(rec, i, alt)));
            }
        }
        return out;
    }

    private static boolean accepts(Object rec, int index, Object value) {
        try {
            with(rec, index, value);
            return true;
        } catch (AssertionError e) {
            if (e.getCause() instanceof InvocationTargetException t
                    && t.getCause() instanceof IllegalArgumentException) {
                return false;
            }
            throw e;
        }
    }

    private static Object get(RecordComponent c, Object rec) {
        try {
            return c.getAccessor().invoke(rec);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    private static Object with(Object rec, int index, Object value) {
        RecordComponent[] cs = rec.getClass().getRecordComponents();
        Class<?>[] types = new Class<?>[cs.length];
        Object[] args = new Object[cs.length];
        for (int i = 0; i < cs.length; i++) {
            types[i] = cs[i].getType();
            args[i] = i == index ? value : get(cs[i], rec);
        }
        try {
            Constructor<?> k = rec.getClass().getDeclaredConstructor(types);
            k.setAccessible(true);
            return k.newInstance(args);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }
}
