// backprop/training.py and stopping.py, mirrored for the browser: the explorer's Train, epoch by epoch and batch by batch, in the
// core's order. Each epoch's shuffle is numpy's (random.js), so a mini-batch run here takes the core's batches.
// tests/test_engine.py trains every preset and random networks both ways, full batch and mini-batch.
const v = new URL(import.meta.url).search;  // the modules of one version load together
const {LOSSES, MAX_ABS_PARAMETER, backward, forward, sgd_step} = await import(new URL("./trace.js" + v, import.meta.url));
const {default_rng} = await import(new URL("./random.js" + v, import.meta.url));

export function largest_parameter(network) {  // Network.largest_parameter: max |θ|, NaN if any is NaN (as np.max keeps it)
  const values = network.layers.flatMap((l) => [...l.weights.flat(), ...l.biases].map(Math.abs));
  return values.some(Number.isNaN) ? NaN : Math.max(...values);
}

export function divergence(loss, network) {  // why a step's result cannot be kept, as the core's two reasons, or null
  if (!Number.isFinite(loss)) return {why: "not_finite"};
  const largest = largest_parameter(network);
  if (!(largest <= MAX_ABS_PARAMETER)) return {why: "too_large", largest};
  return null;
}

export function batches(n_samples, batch_size, seed, epoch) {  // index arrays for one epoch, from (seed, epoch) only
  const order = default_rng([seed, epoch]).permutation(n_samples);
  const size = batch_size === null ? n_samples : Math.max(1, Math.min(batch_size, n_samples));
  const chunks = [];
  for (let i = 0; i < n_samples; i += size) chunks.push(order.slice(i, i + size));
  return chunks;
}

export function run_epoch(network, x, y, learning_rate, batch_size, seed, epoch) {  // one pass over the data
  for (const index of batches(x.length, batch_size, seed, epoch)) {
    const rows_x = index.map((i) => x[i]), rows_y = index.map((i) => y[i]);
    const grads = backward(network, forward(network, rows_x), rows_y, false);
    network = sgd_step(network, grads, learning_rate).network_after;
  }
  return network;
}

export function accuracy(network, output, y) {  // share classified right: argmax for softmax, p > 0.5 for BCE; else null
  if (network.loss === "cross_entropy") {
    return output.filter((row, n) => argmax(row) === argmax(y[n])).length / output.length;
  }
  if (network.loss !== "binary_cross_entropy") return null;
  const outputs = output.flat(), targets = y.flat();
  return outputs.filter((p, i) => (p > 0.5) === (targets[i] > 0.5)).length / outputs.length;
}

function argmax(row) {  // numpy's: the first NaN if there is one, else the first largest
  const nan = row.findIndex(Number.isNaN);
  return nan >= 0 ? nan : row.reduce((best, v, k) => (v > row[best] ? k : best), 0);
}

// ---------------------------------------------------------------- backprop/stopping.py
export const PLATEAU_SHARE = 1e-3;

export function stop_reason(stop, run, accuracy) {  // why a run stops after its latest epoch ({why, ...}), or null
  if (stop === null) return null;
  if (stop.below !== null && run[run.length - 1] < stop.below) return {why: "below", threshold: stop.below};
  if (stop.classified && accuracy === 1) return {why: "classified"};
  if (stop.plateau && run.length > stop.plateau &&
      !(run[run.length - 1] < (1 - PLATEAU_SHARE) * run[run.length - 1 - stop.plateau])) {
    return {why: "plateau", epochs: stop.plateau};
  }
  return null;
}

export function train(network, x, y, learning_rate, epochs, batch_size = null, seed = 0, start_epoch = 0, stop = null,
                      run_losses = []) {
  // epochs numbered from start_epoch + 1; stops at the first that diverges, keeping the network from the one before,
  // or after the first a Stop ends (run_losses: the run's losses before these, when it trains in chunks)
  const losses = [], run = [...run_losses];
  for (let epoch = start_epoch + 1; epoch <= start_epoch + epochs; epoch++) {
    const trained = run_epoch(network, x, y, learning_rate, batch_size, seed, epoch), output = forward(trained, x).output;
    const loss = LOSSES[network.loss].value(output, y), why = divergence(loss, trained);
    if (why) return {network, losses, diverged_at: epoch, why, stopped: null};
    network = trained;
    losses.push(loss);
    run.push(loss);
    const stopped = stop_reason(stop, run, accuracy(network, output, y));
    if (stopped) return {network, losses, diverged_at: null, why: null, stopped};
  }
  return {network, losses, diverged_at: null, why: null, stopped: null};
}
