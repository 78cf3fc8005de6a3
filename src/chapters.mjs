// The course in reading order: one source of truth for the sidebar and for the tests that
// visit every chapter. `slug` is the file name in content/chapters without its extension.
export const chapters = [
  { slug: '01-forward-pass', title: 'Neurons, layers and the forward pass' },
  { slug: '02-cost-and-error', title: 'The cost and the error δ' },
  { slug: '03-four-equations', title: 'The four equations' },
  { slug: '04-algorithm', title: 'The algorithm' },
  { slug: '05-worked-example', title: 'Backprop by hand: a worked example' },
  { slug: '06-matrix-form', title: 'Many examples at once: the matrix form' },
  { slug: '07-learning-slowdown', title: 'The learning slowdown' },
  { slug: '08-cross-entropy', title: 'Cross-entropy' },
  { slug: '09-softmax', title: 'Softmax and log-likelihood' },
  { slug: '10-regularisation', title: 'Regularisation: L2 weight decay' },
  { slug: '11-initialisation', title: 'Initialisation' },
  { slug: '12-mnist', title: 'Putting it together: reading digits' },
  { slug: '14-overfitting', title: 'Overfitting and more regularisers' },
];

export const referencePages = [
  { slug: 'how-to-use', title: 'How to use this course' },
  { slug: 'notation', title: 'Notation' },
  { slug: 'errata', title: 'Errata: slips in the source notes' },
  { slug: 'engine-api', title: 'Engine API' },
  { slug: 'progress', title: 'Your progress' },
];

export const labPages = [{ slug: 'playground', title: 'Playground' }];
