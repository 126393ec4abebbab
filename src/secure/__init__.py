"""SECURE: run the ED/DOJ SECURE Local Implementation Rubric for school-police partnerships."""
