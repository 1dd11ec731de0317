package io.smsgate.simulator.behaviour;

import static java.util.Objects.requireNonNull;

import io.smsgate.simulator.config.ConfigNode;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;

/**
 * The live behaviour of one simulated carrier: readers take the current immutable snapshot once per PDU;
 * writers (tests, the control API, scenario events) swap in a new one atomically.
 */
public final class CarrierControl {
    private final String carrier;
    private final AtomicReference<CarrierBehaviour> current;

    public CarrierControl(String carrier, CarrierBehaviour initial) {
        this.carrier = requireNonNull(carrier, "carrier");
        this.current = new AtomicReference<>(requireNonNull(initial, "initial"));
    }

    public String carrier() {
        return carrier;
    }

    public CarrierBehaviour current() {
        return current.get();
    }

    public void set(CarrierBehaviour behaviour) {
        current.set(requireNonNull(behaviour, "behaviour"));
    }

    /** Applies {@code change} atomically (retried if another writer won the race) and returns the new snapshot. */
    public CarrierBehaviour update(UnaryOperator<CarrierBehaviour> change) {
        return current.updateAndGet(change);
    }

    /**
     * Applies a partial behaviour document (the control API's body, a scenario event's {@code behaviour:}):
     * keys present replace the current values, keys absent keep them. A bad patch changes nothing.
     */
    public CarrierBehaviour patch(ConfigNode patch) {
        return update(behaviour -> BehaviourYaml.parse(patch, behaviour));
    }
}
