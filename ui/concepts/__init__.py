"""The concept pages' side: the matrix-product and softmax lessons' state, the digits classifier's, and their
figures."""
