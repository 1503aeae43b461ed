package dev.eider.adapter.vector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class VectorsTest {

  @Test
  void everyAcceptedFormGivesTheSameFloats() {
    float[] expected = {1.5f, -2f, 3.25e-3f};
    assertThat(Vectors.toFloats(" [1.5, -2 ,3.25e-3] ", 3)).containsExactly(expected);
    assertThat(Vectors.toFloats(new double[] {1.5, -2, 3.25e-3}, 3)).containsExactly(expected);
    assertThat(Vectors.toFloats(new Object[] {1.5, -2, 3.25e-3f}, 3)).containsExactly(expected);
    assertThat(Vectors.toFloats(List.of(1.5f, -2, 0.00325), Vectors.ANY_DIMENSION))
        .containsExactly(expected);
  }

  @Test
  void textFormRoundTripsExactly() {
    float[] vector = {0.1f, 1e-30f, -7.000001f, 123456.79f};
    assertThat(Vectors.parse(Vectors.toText(vector))).containsExactly(vector);
  }

  @Test
  void badVectorsAreNamed() {
    assertThatThrownBy(() -> Vectors.toFloats("[1, 2]", 3))
        .hasMessage("vector dimensions differ: expected 3, got 2");
    assertThatThrownBy(() -> Vectors.toFloats("[1, NaN]", 2))
        .hasMessage("element 2 of the vector is NaN; vectors must be finite");
    assertThatThrownBy(() -> Vectors.toFloats(new float[] {Float.NEGATIVE_INFINITY}, 1))
        .hasMessage("element 1 of the vector is infinite; vectors must be finite");
    assertThatThrownBy(() -> Vectors.toFloats("[ ]", 1)).hasMessage("the vector '[ ]' is empty");
    assertThatThrownBy(() -> Vectors.toFloats("[1,,2]", 3))
        .hasMessage("element 2 of the vector '[1,,2]' is not a number: ''");
    assertThatThrownBy(() -> Vectors.toFloats("1,2", 2))
        .hasMessage("'1,2' is not a vector; write it like '[1,2,3]'");
    assertThatThrownBy(() -> Vectors.toFloats(new Object[] {1, null}, 2))
        .hasMessage("element 2 of the vector is NULL");
    assertThatThrownBy(() -> Vectors.toFloats(42, 1))
        .hasMessageContaining("a Integer is not a vector");
  }

  @Test
  void kernelsFollowPgvectorsDefinitions() {
    float[] a = {3, 4, 0};
    float[] b = {0, 4, 3};
    assertThat(VectorKernels.l2Distance(a, b)).isCloseTo(Math.sqrt(18), within(1e-12));
    assertThat(VectorKernels.innerProduct(a, b)).isEqualTo(16);
    assertThat(VectorKernels.cosineDistance(a, b)).isCloseTo(1 - 16.0 / 25, within(1e-12));
    assertThat(VectorKernels.norm(a)).isEqualTo(5);
    assertThat(VectorKernels.cosineDistance(new float[] {0, 0}, new float[] {1, 0})).isNaN();
    assertThatThrownBy(() -> VectorKernels.l2Distance(a, new float[] {1}))
        .hasMessage("vector dimensions differ: 3 and 1");
  }
}
