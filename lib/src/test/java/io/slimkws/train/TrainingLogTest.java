package io.slimkws.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A log row is read by field name, not by position, and reads back what it wrote. */
class TrainingLogTest {
    @Test
    void aLineReadsIntoNamedFieldsWithEmptyAsNotMeasured() {
        TrainingLog.Row r =
                TrainingLog.Row.parse(
                        "40,0.983,0.015,,73,62.97,23.4375,0,2.71,0.08,197.5,0.95,0.5,0.25");
        assertEquals(40, r.step());
        assertTrue(Double.isNaN(r.trainLoss()));
        assertEquals(62.97, r.valAcc());
        assertEquals(23.4375, r.sparsity());
        assertEquals(197.5, r.seconds());
        assertEquals(0.95, r.evalLoss());
        assertArrayEquals(new double[] {0.5, 0.25}, r.groupNorms());
    }

    @Test
    void writtenRowsAreTheHeadersColumnsInOrderToNineDigitsAndSurviveACheckpoint() {
        TrainingLog log = new TrainingLog();
        log.add(
                3,
                0.5,
                0.02,
                Double.NaN,
                50,
                40,
                3.125,
                0.4,
                2.5,
                0.1,
                33.5,
                new double[] {1.0 / 3},
                1.25);
        assertEquals(
                "3,0.500000000,0.0200000000,,50.0000000,40.0000000,3.12500000,0.400000000,2.50000000,0.100000000,33.5000000,"
                    + "1.25000000,0.333333333",
                log.rows().get(0));
        TrainingLog back = new TrainingLog();
        back.restore(log.rows());
        assertEquals(log.rows(), back.rows());
        assertEquals(33.5, back.last().orElseThrow().seconds());
        assertEquals(
                "step,epoch,lr,train_loss,train_acc,val_acc,sparsity,w_minus_u,lagrangian,delta_uw,seconds,eval_loss,g1",
                TrainingLog.header(1));
    }

    @Test
    void aShortOrGarbledLineNamesItself() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> TrainingLog.Row.parse("1,2,3"));
        assertTrue(e.getMessage().contains("'1,2,3'"), e.getMessage());
        assertThrows(
                IllegalArgumentException.class,
                () -> new TrainingLog().restore(List.of("1,x,3,4,5,6,7,8,9,10,11,12")));
    }
}
