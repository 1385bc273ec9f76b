package io.cloudlab.inventory.reservation.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.cloudlab.inventory.reservation.domain.Reservation.Transition;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ReservationTest {

    static final Instant EXPIRES = Instant.parse("2030-01-01T00:00:00Z");
    static final Instant BEFORE = EXPIRES.minusSeconds(1);

    static Reservation given(ReservationStatus status) {
        return new Reservation(UUID.randomUUID(), status, EXPIRES, List.of(new ReservationLine(UUID.randomUUID(), 2)));
    }

    @Test
    void anActiveReservationIsReleasedCommittedOrExpired() {
        assertEquals(new Transition.Move(ReservationStatus.RELEASED), given(ReservationStatus.ACTIVE).release());
        assertEquals(new Transition.Move(ReservationStatus.COMMITTED), given(ReservationStatus.ACTIVE).commit(BEFORE));
        assertEquals(new Transition.Move(ReservationStatus.EXPIRED), given(ReservationStatus.ACTIVE).expire(EXPIRES));
    }

    @Test
    void givingBackReleasesAHoldReturnsWhatWasSoldAndChangesNothingAfter() {
        assertEquals(new Transition.Move(ReservationStatus.RELEASED), given(ReservationStatus.ACTIVE).giveBack());
        assertEquals(new Transition.Move(ReservationStatus.RETURNED), given(ReservationStatus.COMMITTED).giveBack());
        for (ReservationStatus done : new ReservationStatus[] {ReservationStatus.RELEASED, ReservationStatus.EXPIRED,
                ReservationStatus.RETURNED}) {
            assertInstanceOf(Transition.AlreadyDone.class, given(done).giveBack());
        }
        assertThrows(ReservationClosed.class, () -> given(ReservationStatus.RETURNED).commit(BEFORE));
    }

    @Test
    void repeatingARequestChangesNothing() {
        assertInstanceOf(Transition.AlreadyDone.class, given(ReservationStatus.RELEASED).release());
        assertInstanceOf(Transition.AlreadyDone.class, given(ReservationStatus.EXPIRED).release());
        assertInstanceOf(Transition.AlreadyDone.class, given(ReservationStatus.COMMITTED).commit(BEFORE));
        assertInstanceOf(Transition.AlreadyDone.class, given(ReservationStatus.COMMITTED).expire(EXPIRES));
    }

    @Test
    void aReservationIsNotExpiredBeforeItsTime() {
        assertInstanceOf(Transition.AlreadyDone.class, given(ReservationStatus.ACTIVE).expire(BEFORE));
    }

    @Test
    void contradictingHowItEndedIsRefused() {
        assertEquals(ReservationStatus.COMMITTED,
                assertThrows(ReservationClosed.class, () -> given(ReservationStatus.COMMITTED).release()).status());
        assertEquals(ReservationStatus.RELEASED,
                assertThrows(ReservationClosed.class, () -> given(ReservationStatus.RELEASED).commit(BEFORE)).status());
        assertEquals(ReservationStatus.EXPIRED,
                assertThrows(ReservationClosed.class, () -> given(ReservationStatus.ACTIVE).commit(EXPIRES)).status());
    }
}
