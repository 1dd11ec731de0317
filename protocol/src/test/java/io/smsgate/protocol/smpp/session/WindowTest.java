package io.smsgate.protocol.smpp.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smsgate.protocol.smpp.pdu.CommandId;
import io.smsgate.protocol.smpp.pdu.Response;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class WindowTest {

    private final Window window = new Window(3);

    @Test
    void sizesTheRingToAPowerOfTwoAtLeastTwiceTheWindow() {
        assertThat(window.capacity()).isEqualTo(16);
        assertThat(new Window(10).capacity()).isEqualTo(32);
        assertThat(new Window(1000).capacity()).isEqualTo(2048);
    }

    @Test
    void findsRequestsBySequenceNumberAndForgetsThemOnRemove() {
        CompletableFuture<Response> future = new CompletableFuture<>();
        window.add(7, CommandId.SUBMIT_SM, future, 100, 200, true);

        int slot = window.find(7);
        assertThat(slot).isNotNegative();
        assertThat(window.command(slot)).isEqualTo(CommandId.SUBMIT_SM);
        assertThat(window.sentAt(slot)).isEqualTo(100);
        assertThat(window.remove(slot)).isSameAs(future);
        assertThat(window.find(7)).isEqualTo(-1);
        assertThat(window.size()).isZero();
    }

    @Test
    void doesNotConfuseSequenceNumbersSharingASlot() {
        window.add(1, CommandId.SUBMIT_SM, new CompletableFuture<>(), 0, 10, true);

        assertThat(window.find(1 + window.capacity())).isEqualTo(-1);
        assertThat(window.isFree(1 + window.capacity())).isFalse();
        assertThat(window.find(0)).isEqualTo(-1);
    }

    @Test
    void countsOnlyRequestsThatOccupyTheWindow() {
        window.add(1, CommandId.SUBMIT_SM, new CompletableFuture<>(), 0, 10, true);
        window.add(2, CommandId.ENQUIRE_LINK, new CompletableFuture<>(), 0, 10, false);
        window.add(3, CommandId.SUBMIT_SM, new CompletableFuture<>(), 0, 10, true);
        window.add(4, CommandId.SUBMIT_SM, new CompletableFuture<>(), 0, 10, true);

        assertThat(window.outstanding()).isEqualTo(3);
        assertThat(window.size()).isEqualTo(4);
        assertThat(window.isFull()).isTrue();
        window.remove(window.find(2));
        assertThat(window.isFull()).isTrue();
        window.remove(window.find(3));
        assertThat(window.isFull()).isFalse();
    }

    @Test
    void reportsTheEarliestDeadlineAcrossNegativeNanoTimes() {
        assertThat(window.earliestDeadline()).isEqualTo(Long.MAX_VALUE);
        window.add(1, CommandId.SUBMIT_SM, new CompletableFuture<>(), 0, -50, true);
        window.add(2, CommandId.SUBMIT_SM, new CompletableFuture<>(), 0, -100, true);
        window.add(3, CommandId.SUBMIT_SM, new CompletableFuture<>(), 0, 20, true);

        assertThat(window.earliestDeadline()).isEqualTo(-100);
    }

    @Test
    void refusesATakenSlot() {
        window.add(5, CommandId.SUBMIT_SM, new CompletableFuture<>(), 0, 10, true);

        assertThatThrownBy(() -> window.add(5 + window.capacity(), CommandId.SUBMIT_SM, new CompletableFuture<>(),
                0, 10, true))
                .isInstanceOf(IllegalStateException.class);
    }
}
