/** The demo catalog. Prices are exact minor units (USD cents). */
export const demoProducts = [
  { slug: 'canvas-tote', name: 'Canvas Tote Bag', priceMinor: 2450, description: 'Heavy cotton canvas with long handles and an inside pocket. Carries a week of groceries.' },
  { slug: 'ceramic-mug', name: 'Ceramic Mug', priceMinor: 1800, description: 'Hand-glazed stoneware, 350 ml, dishwasher safe.' },
  { slug: 'wool-scarf', name: 'Merino Wool Scarf', priceMinor: 5900, description: 'Soft extra-fine merino, 180 × 30 cm, knitted in Portugal.' },
  { slug: 'desk-lamp', name: 'Brass Desk Lamp', priceMinor: 12900, description: 'Adjustable arm, warm LED, solid brass base.' },
  { slug: 'notebook-set', name: 'Dot-Grid Notebook Set', priceMinor: 2250, description: 'Three A5 notebooks, 120 g paper that takes fountain pens.' },
  { slug: 'pour-over', name: 'Pour-Over Coffee Set', priceMinor: 4700, description: 'Glass carafe, ceramic dripper and 100 filters.' },
  { slug: 'linen-shirt', name: 'Linen Shirt', priceMinor: 7400, description: 'Washed European linen, relaxed fit, mother-of-pearl buttons.' },
  { slug: 'card-holder', name: 'Leather Card Holder', priceMinor: 3900, description: 'Vegetable-tanned leather, six card slots, ages beautifully.' },
  { slug: 'plant-pot', name: 'Terracotta Plant Pot', priceMinor: 1650, description: 'Unglazed terracotta with saucer, 18 cm.' },
  { slug: 'headphones', name: 'Wireless Headphones', priceMinor: 19900, description: 'Noise cancelling, 30-hour battery, folds flat.' },
  { slug: 'cast-iron-pan', name: 'Cast Iron Skillet', priceMinor: 5500, description: 'Pre-seasoned 26 cm skillet for stove, oven and fire.' },
  { slug: 'reading-chair', name: 'Reading Armchair', priceMinor: 75000, description: 'Oak frame, wool upholstery, made to order.' },
  { slug: 'wall-clock', name: 'Oak Wall Clock', priceMinor: 8900, description: 'Silent sweep movement in a solid oak dial, 30 cm.' },
  { slug: 'water-bottle', name: 'Steel Water Bottle', priceMinor: 2900, description: 'Double-walled, keeps drinks cold for 24 hours, 750 ml.' },
] as const;

export const demoUsers = [
  { email: 'shopper@example.com', name: 'Sam Shopper', password: 'shopper123', role: 'customer' },
  { email: 'staff@example.com', name: 'Stella Staff', password: 'staff123', role: 'staff' },
] as const;
