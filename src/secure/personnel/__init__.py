"""People: officers and their assignments to schools, training, onboarding, hiring, evaluation."""
